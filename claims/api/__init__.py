"""The claim-status API under /api/v1/: a thin layer over the services and selectors."""
