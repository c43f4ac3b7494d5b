-- expect: none
SELECT 1 AS one
