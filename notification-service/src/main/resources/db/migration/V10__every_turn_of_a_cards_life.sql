-- Issue 18: the card's life after the happy path. Every new notice is signed by the programme, or by
-- the issuing bank where the card waits at one of its outlets (R-PICK-2); outlets and addresses come
-- from the events (registered, ADR 23), a mobile or an address only masked.

-- Whose mobile card_contact.mobile is: the guardian's when a guardian applied (R-BANK-4), so that a
-- MobileNumberChanged of the guardian or of the holder changes the right number (S-MOBILE-1). Rows
-- migrated before are filled from holder_adult_on (a guardian applied); a rebuild makes them exact.
ALTER TABLE card_contact ADD COLUMN guardian_applied BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE card_contact SET guardian_applied = TRUE WHERE holder_adult_on IS NOT NULL;
-- S-END-1, S-WITHDRAW-1: CANCELLED or WITHDRAWN once the card's life ended; no later event of the
-- card gives a message.
ALTER TABLE card_contact ADD COLUMN ended VARCHAR(16);

-- The anti-fraud note "mobile changed shortly before a mailed dispatch" now also sees a
-- MobileNumberChanged of the card itself (S-MOBILE-1): one row per change, keyed by the event
-- ('card-event/<sequence>'); 'application' for a person who applied again with another mobile
-- (previous_card_id is then the earlier card, else the card itself).
ALTER TABLE mobile_change ADD COLUMN event_key VARCHAR(64) NOT NULL DEFAULT 'application';
ALTER TABLE mobile_change DROP CONSTRAINT mobile_change_pkey;
ALTER TABLE mobile_change ADD PRIMARY KEY (card_id, event_key);

-- A pending (not yet sent) message of a card whose life ended is not sent: sms_outbox.status becomes
-- CANCELLED (S-END-1, S-WITHDRAW-1); the sender claims only QUEUED rows.

INSERT INTO sms_template (code, trigger, signer, body, description) VALUES
    ('APPLICATION_CHANGED', 'ApplicationChanged', 'HRSS',
     '您的第三代社会保障卡申领信息已变更：发卡银行为{bank}，领卡方式为{collection}。如非本人办理，请致电12333。',
     'S-CHANGE-1: the application as it now stands. {bank}: the bank table''s name; {collection}: the registered outlet with its address, the masked mailing address, or the bank''s delivery.'),
    ('APPLICATION_WITHDRAWN', 'ApplicationWithdrawn', 'HRSS',
     '您的第三代社会保障卡申领已撤回，不会制卡。如需办理，可重新申领。',
     'S-WITHDRAW-1: withdrawn before production; the person may apply again. Pending messages of the card are cancelled and later events give none.'),
    ('MOBILE_NUMBER_CHANGED', 'MobileNumberChanged', 'HRSS',
     '您的第三代社会保障卡的短信通知今后将发送至新手机号{newMobile}，本号码不再接收。如非本人办理，请本人携带有效身份证件到社保经办机构核实。',
     'S-MOBILE-1: sent once to the OLD number when the card''s notices move; {newMobile} masked (139****5678). Later notices go to the new number.'),
    ('MAIL_RETURNED', 'MailReturned', 'ISSUING_BANK',
     '您邮寄的第三代社会保障卡未能投递，已转至{outlet}，请携带本人有效身份证件到该网点领取。',
     'S-MAIL-2: the mail failed; the card waits at the registered outlet of the issuing bank the event names, with its address (R-PICK-2).'),
    ('PICKUP_PERIOD_ENDING', 'PickupPeriodEnding', 'ISSUING_BANK',
     '您的第三代社会保障卡在{outlet}待领取，领取期限至{pickupEnds}，请携带有效身份证件及时领取。',
     'S-PICKUP-1: reminder before the pickup period ends; {outlet} registered name and address, {pickupEnds} the last day (2025年6月9日).'),
    ('UNCOLLECTED_CARD_RETURNED', 'UncollectedCardReturned', 'ISSUING_BANK',
     '您的第三代社会保障卡超过领取期限未领取，已退回发卡银行统一保管。如需领取，请携带有效身份证件到发卡银行任一服务网点申请领取。',
     'S-PICKUP-1: not collected in time, returned to the bank''s central store; collected on request at any outlet of the bank.'),
    ('COLLECTED_BY_PROXY', 'CardCollected/PROXY', 'HRSS',
     '您的第三代社会保障卡已由{proxy}凭您的授权委托书（编号{authorisation}）代为领取。如非本人授权，请致电12333。',
     'S-PROXY-1: collected by a proxy (代领); {proxy} the masked name (王*明), {authorisation} its number (letters then digits), else 以网点留存为准. A collection by the holder gives no message.');

-- The waiting messages of one card, found when its life ends (S-END-1).
CREATE INDEX sms_outbox_card_waiting ON sms_outbox (card_id) WHERE status = 'QUEUED';
