"""Study tools from the course material (issue 18): items made from passages, their checks,
spaced repetition and exports. Pure and offline: storage, routes and jobs call into it."""
