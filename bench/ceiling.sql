-- The least one complete payment (reserve + debit) must write, as pgbench runs it: four decisions,
-- each its own commit, with rows of the sizes the service really writes (measured averages:
-- events 200-1,000 bytes of JSON plus ~400 bytes of metadata, replies ~220 bytes). Tables are
-- copies (LIKE ... INCLUDING ALL) of the service's own, indexes included.
\set n random(1, 9000000000000000)
-- 1. the till's reserve: its request row, the receipt claim, the intent event
BEGIN;
INSERT INTO ceiling.till_request (message_id, request_hash, operation, payment_id, reply_to, correlation_id, received_at, reply_due_at)
  VALUES ('r-' || :client_id || '-' || :n, md5(:n::text) || md5(:client_id::text), 'reserve', md5(:client_id || ':' || :n)::uuid, 'amq.rabbitmq.reply-to', :n::text, now(), now() + interval '300 s');
INSERT INTO ceiling.payment_receipt_claim (store_id, receipt_id, payment_id, claimed_at)
  VALUES ('S-' || :client_id, 'R-' || :n, md5(:client_id || ':' || :n)::uuid, now());
INSERT INTO ceiling.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
  VALUES (gen_random_uuid()::text, md5(:client_id || ':' || :n)::uuid::text, 0, 'SocialPayment', now()::text, 'ReservationRequested', convert_to(repeat('x', 1029), 'UTF8'), convert_to(repeat('m', 400), 'UTF8'));
COMMIT;
-- 2. the service's answer: the outcome event, the till's reply
BEGIN;
INSERT INTO ceiling.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
  VALUES (gen_random_uuid()::text, md5(:client_id || ':' || :n)::uuid::text, 1, 'SocialPayment', now()::text, 'PaymentReserved', convert_to(repeat('x', 389), 'UTF8'), convert_to(repeat('m', 317), 'UTF8'));
UPDATE ceiling.till_request SET reply = '{"result": "ok", "pad": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}', replied_at = now(), sent_at = now()
  WHERE message_id = 'r-' || :client_id || '-' || :n;
COMMIT;
-- 3. the till's debit: its request row, the intent event
BEGIN;
INSERT INTO ceiling.till_request (message_id, request_hash, operation, payment_id, reply_to, correlation_id, received_at, reply_due_at)
  VALUES ('d-' || :client_id || '-' || :n, md5(:n::text) || md5(:client_id::text), 'debit', md5(:client_id || ':' || :n)::uuid, 'amq.rabbitmq.reply-to', :n::text, now(), now() + interval '300 s');
INSERT INTO ceiling.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
  VALUES (gen_random_uuid()::text, md5(:client_id || ':' || :n)::uuid::text, 2, 'SocialPayment', now()::text, 'PaymentConfirmed', convert_to(repeat('x', 513), 'UTF8'), convert_to(repeat('m', 400), 'UTF8'));
COMMIT;
-- 4. the debit's outcome, the reply, and the read models (journal row, support view row)
BEGIN;
INSERT INTO ceiling.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
  VALUES (gen_random_uuid()::text, md5(:client_id || ':' || :n)::uuid::text, 3, 'SocialPayment', now()::text, 'PaymentDebited', convert_to(repeat('x', 197), 'UTF8'), convert_to(repeat('m', 315), 'UTF8'));
UPDATE ceiling.till_request SET reply = '{"result": "ok", "pad": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}', replied_at = now(), sent_at = now()
  WHERE message_id = 'd-' || :client_id || '-' || :n;
INSERT INTO ceiling.soc_processing_operations (op_date, id, cancel, data)
  VALUES (now(), decode(md5(:client_id || ':' || :n), 'hex'), NULL, '{"operation": "debit", "amount": 12345, "pad": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}');
INSERT INTO ceiling.payment_view (payment_id, reserve_operation_id, store_id, terminal_id, receipt_id, masked_pan, card_last4, state, merchant_config_id, sp_code,
                                  receipt_total, social_amount, remainder, debited_amount, requested_at, expires_at, reserved_at, confirmed_at, debited_at, last_updated_at)
  VALUES (md5(:client_id || ':' || :n)::uuid, gen_random_uuid(), 'S-' || :client_id, 'T-' || :client_id, 'R-' || :n, '220012******1234', '1234', 'DEBITED', 1, 'SP',
          12345, 12345, 0, 12345, now(), now() + interval '60 s', now(), now(), now(), now());
COMMIT;
