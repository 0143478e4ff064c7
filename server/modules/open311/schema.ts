import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';

/**
 * An outside system allowed to file cases through Open311 (a civic-tech app, a hotline's software).
 * It files into its org unit's subtree (a community or above). The key is shown once; only its
 * SHA-256 is kept, so a leaked database does not leak working keys.
 */
export const open311Client = pgTable(
  'open311_client',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The key's first characters, so staff can tell keys apart without seeing them. */
    keyPrefix: text('key_prefix').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    uniqueIndex('open311_client_key_idx').on(t.keyHash),
    index('open311_client_path_idx').on(t.orgPath),
  ],
);

/**
 * A service request received through Open311: the token a client may poll (GET tokens/{token}),
 * the case it became, and what the client told us about the requester (kept here, not on the case,
 * and never shown by the public reads).
 */
export const open311Request = pgTable(
  'open311_request',
  {
    /** The token. */
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => open311Client.id),
    caseId: uuid('case_id').notNull(),
    accountId: text('account_id'),
    deviceId: text('device_id'),
    email: text('email'),
    phone: text('phone'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    mediaUrl: text('media_url'),
    createdAt: createdAt(),
  },
  (t) => [index('open311_request_case_idx').on(t.caseId), index('open311_request_client_idx').on(t.clientId)],
);
