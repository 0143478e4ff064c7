import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { partnerProject, partnerProjectLead } from './schema.ts';

export type PartnerProjectRef = {
  id: string;
  title: string;
  orgPath: string;
  districtId: string;
  state: string;
  leadPersonIds: string[];
};

/** A cooperative project as other modules see it (the volunteers module organises activities for it). */
export async function loadPartnerProject(db: Executor, id: string): Promise<PartnerProjectRef> {
  const [row] = await db
    .select({
      id: partnerProject.id,
      title: partnerProject.title,
      orgPath: partnerProject.orgPath,
      districtId: partnerProject.districtId,
      state: partnerProject.state,
    })
    .from(partnerProject)
    .where(eq(partnerProject.id, id));
  if (!row) throw new AppError('not_found');
  const leads = await db
    .select({ personId: partnerProjectLead.personId })
    .from(partnerProjectLead)
    .where(eq(partnerProjectLead.projectId, id));
  return { ...row, leadPersonIds: leads.map((l) => l.personId) };
}

/** Is this person one of the project's lead partners? */
export async function isProjectLead(db: Executor, projectId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: partnerProjectLead.personId })
    .from(partnerProjectLead)
    .where(and(eq(partnerProjectLead.projectId, projectId), eq(partnerProjectLead.personId, personId)));
  return !!row;
}
