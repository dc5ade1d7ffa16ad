"""ChatGepeto: a study assistant grounded in the course material."""
