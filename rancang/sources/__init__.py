"""Where input comes from: the workspace folders, YAML with line numbers, the regency file and its schema, the clause library."""
