"""The Movement for Evidence-Based Practice: events with limited places and a fair waiting list."""
