"""Project wiring: settings, URLs, WSGI and project-wide views."""
