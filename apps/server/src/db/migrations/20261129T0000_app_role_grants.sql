-- Adding a staff member with an e-mail happens inside the contract's transaction (role
-- timecard_app): it may create the account of that address and its 認証メール token.
GRANT INSERT ON accounts TO timecard_app;
GRANT SELECT, INSERT ON auth_tokens TO timecard_app;
GRANT UPDATE (expires_at) ON auth_tokens TO timecard_app;
