CREATE TABLE "risk_history" (
	"as_of" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"value_at_risk" double precision NOT NULL,
	"days" integer NOT NULL,
	"conflicts" integer NOT NULL,
	"recorded_at" text NOT NULL,
	CONSTRAINT "risk_history_as_of_kind_key_pk" PRIMARY KEY("as_of","kind","key")
);
