-- Recovery codes carry about 50 bits: each is now stored with scrypt and a salt of its own ("scrypt$<salt>$<hash>",
-- lib/auth/second-factor), as ASVS 5.0 6.5.2 asks of lookup secrets under 112 bits. Codes made before keep their
-- HMAC (64 hex characters) and still work until used or renewed.
alter table private.recovery_codes drop constraint recovery_codes_code_hash_check;
alter table private.recovery_codes add constraint recovery_codes_code_hash_check check (
  char_length(code_hash) = 64 or code_hash ~ '^scrypt\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$'
);
