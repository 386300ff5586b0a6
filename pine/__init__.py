"""PINE: calls, applications, reviews, decisions, projects, stages, meetings and reports."""
