import { api } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import { mountDeps } from '../../http/credentials.ts';
import { acceptCsvBodies } from '../../http/csv-body.ts';
import { mount } from '../../http/mount.ts';
import type { AuthContext } from '../../services/auth.service.ts';
import { csvRejectionAsFields } from '../../services/punch-import.service.ts';
import { importStaffCsv, staffCsvTemplate } from '../../services/staff-import.service.ts';

/** 従業員 > CSV取込 (issue 11 §6), written once in @timecard/contract. */
export async function staffImportRoutes(app: FastifyInstance, { ctx }: { ctx: AuthContext }) {
  const deps = mountDeps(ctx);
  const routes = api.staffImports;
  acceptCsvBodies(app);
  mount(app, routes.importCsv, deps, ({ body }, r) =>
    importStaffCsv(ctx, r.actor!, body).catch((error) => {
      throw csvRejectionAsFields(error);
    }),
  );
  mount(app, routes.template, deps, async (_input, r, reply) => {
    reply
      .header('content-type', 'text/csv; charset=UTF-8')
      .header('content-disposition', 'attachment; filename="staff_import_template.csv"')
      .send(staffCsvTemplate(r.actor!));
  });
}
