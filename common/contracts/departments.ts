import { z } from 'zod';
import { allowed } from './common.ts';

/** A mobile, a landline (0991-5550102) or a short hotline (110, 12345). */
export const contactPhone = z
  .string()
  .trim()
  .regex(/^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$|^\d{3,5}$/, 'phone');

export const departmentOut = z.object({
  id: z.string(),
  /** The district (or subdistrict) the department serves. */
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** Stable short code, e.g. zhujian, chengguan, xiaofang, gongan, jiaojing. */
  code: z.string(),
  name: z.string(),
  dutyPhone: z.string(),
  /** What it answers for inside compounds: the list a case is routed by. */
  responsibilities: z.array(z.string()),
  allowed,
});
export type DepartmentOut = z.infer<typeof departmentOut>;
export const departmentList = z.object({ items: z.array(departmentOut) });
export const departmentQuery = z.object({ q: z.string().trim().max(60).optional() });

const departmentFields = {
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'code'),
  name: z.string().trim().min(1).max(60),
  dutyPhone: contactPhone,
  responsibilities: z.array(z.string().trim().min(1).max(60)).max(50),
};
export const departmentCreate = z.object({
  /** A district or subdistrict (422 department_level otherwise). */
  orgUnitId: z.uuid(),
  ...departmentFields,
  responsibilities: departmentFields.responsibilities.default([]),
});
// Built from the fields, not `departmentCreate.partial()`: a default inside `.partial()` still fires in
// zod 4 and would wipe the list on every PATCH that leaves it out.
export const departmentUpdate = z.object(departmentFields).partial();
