"""Reading a club: YAML with line numbers, profile and club validation, the exercise library."""
