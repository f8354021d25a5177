"""Demo data for trying the app on your own machine: `flask demo load`."""
