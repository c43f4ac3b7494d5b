-- expect: select-star, identifier-output, row-level
SELECT *
FROM community_metrics
