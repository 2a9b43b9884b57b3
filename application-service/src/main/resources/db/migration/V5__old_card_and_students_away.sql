-- Issue 17 (R-OLD-2, R-BANK-3): two facts of the registry of insured persons.
-- holds_old_card: the person holds a first- or second-generation card, which the new card replaces
-- (换领) and which stops working when the new card is enabled; FALSE for a first issue (新发, for
-- example an infant). Persons already in the registry were all treated as holding one.
-- away_from_school: a student insured en bloc through the university (整建制参保) who is not at
-- school for a special reason (因特殊情况不在校) chooses any cooperating bank.
ALTER TABLE insured_person ADD COLUMN holds_old_card   BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE insured_person ADD COLUMN away_from_school BOOLEAN NOT NULL DEFAULT FALSE;
