"""API views: validate input, call a service or selector, shape the output."""
