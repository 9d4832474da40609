"""A club's own files: scaffolding a new club and importing a roster into profiles."""
