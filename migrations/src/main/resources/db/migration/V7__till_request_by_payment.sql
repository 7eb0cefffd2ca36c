-- The replier looks up a payment's requests by (payment_id, operation). With V4's partial index
-- "(payment_id, operation) WHERE reply IS NULL", a query saying "reply IS NULL" could also be served
-- by till_request_due, and the planner chose that one on a young table and kept it in its cached plan:
-- every answer then read every unanswered row and every dead version of one (BENCHMARKS.md). The
-- lookup now names only the payment and the operation, served by this index alone; the code skips
-- the rows already answered.
CREATE INDEX till_request_payment ON till_request (payment_id, operation);
DROP INDEX till_request_awaiting;
