// Public API of mcp/: each module adds its exports here.
