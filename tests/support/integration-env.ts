import { testDatabaseUrls } from "./test-db";

process.env.DATABASE_URL = testDatabaseUrls().appUrl;
process.env.SESSION_SECRET ??= "integration-test-session-secret-0123456789";
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.LOG_LEVEL ??= "error";
