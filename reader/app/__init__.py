"""Use cases shared by the command line, the window and background workers."""
