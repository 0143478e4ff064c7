import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/**
 * An antd Form rule that runs the server's own zod schema for the field, so the form refuses exactly
 * what the API would refuse. Empty values are left to `required` rules.
 */
export function zodRule(schema: z.ZodType, message: string): Rule {
  return {
    validator: async (_rule, value) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
