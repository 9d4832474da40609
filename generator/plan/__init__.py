"""Planning: a profile in, a strength block out. Pure: no I/O, no pydantic, deterministic."""
