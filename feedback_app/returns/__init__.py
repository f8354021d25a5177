"""The framework return: building it from coded conversations, disclosure control and exports. No Flask."""
