// Public API of agents/: each module adds its exports here.
