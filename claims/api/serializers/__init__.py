"""Input validation and the documented response shapes of the API."""
