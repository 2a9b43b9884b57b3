-- Issue 16 item 1 (R-BANK-4): a guardian's authority ends on the minor's 18th birthday, and from
-- then on the holder, not the guardian, receives the card's notices. A card applied for by a
-- guardian keeps the holder's 18th birthday and the holder's own mobile (the applicant's, where
-- the application gave one other than the guardian's). A message of an event on or after that day
-- goes to the holder's mobile, or is withheld with its reason when there is none.
ALTER TABLE card_contact ADD COLUMN holder_adult_on DATE;
ALTER TABLE card_contact ADD COLUMN holder_mobile VARCHAR(32);
