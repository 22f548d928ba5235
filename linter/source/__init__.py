"""Reading drafts and turning them into prose with a map back to the source."""
