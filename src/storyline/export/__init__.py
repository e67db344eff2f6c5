"""Writing what Storyline found in the formats others read (events: events.py)."""
