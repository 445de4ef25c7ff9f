# Shared shell helpers for end-to-end tests (sourced, not run).
