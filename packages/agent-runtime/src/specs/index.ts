// Public API of specs/: each module adds its exports here.
