"""Sites the tool knows: each declares its screens, masks and destructive request as data."""
