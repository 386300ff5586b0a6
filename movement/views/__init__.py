"""The Movement's views: the public pages about it and its events, and a person's own places."""
