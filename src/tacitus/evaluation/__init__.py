"""Gold-set readers and scorers; `tacitus eval SET` runs them, floors.toml pins them."""
