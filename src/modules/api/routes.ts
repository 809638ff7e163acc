// The JSON API base: who am I, the site's units and members, its audit log.
// Same permission rules as the pages; the token's site is the request's site.
import { mayReadDetails } from '../audit/restricted-details.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { permissionsOf, type Permission } from '../../core/permissions.ts';
import { normalizeDeep } from '../../core/vietnamese/index.ts';
import type { UnitRow } from '../../platform/db/schema.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { findAuditEntries } from '../audit/store.ts';
import { listMembers } from '../members/store.ts';
import { createUnit, getUnit, listUnits, updateUnit } from '../units/manage-units.ts';
import { NotFoundError } from '../../core/errors.ts';
import { ErrorSchema, IdParams, PageQuery, UnitInputSchema, UnitSchema, errorResponses } from './schemas.ts';

const need = (permission: Permission): { access: Access } => ({ access: { kind: 'permission', permission } });

function unitJson(u: UnitRow) {
  return {
    id: u.id,
    parentId: u.parent_id,
    name: u.name,
    nameEn: u.name_en,
    kind: u.kind,
    headName: u.head_name,
    headTitle: u.head_title,
    phone: u.phone,
    email: u.email,
    address: u.address,
    functions: u.functions,
    siteUrl: u.site_url,
    archived: u.archived_at !== null,
  };
}

export function registerApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  app.addSchema(ErrorSchema);
  // JSON bodies are normalised to NFC before any handler sees them.
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/') && request.body && typeof request.body === 'object') request.body = normalizeDeep(request.body);
  });

  app.get('/api/openapi.json', { config: { access: { kind: 'public' } } }, async () => app.swagger());

  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/me',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags: ['account'],
        summary: 'The token’s user, site, roles and permissions',
        response: {
          200: Type.Object({
            user: Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() }),
            site: Type.Object({ id: Type.Integer(), key: Type.String(), name: Type.String() }),
            roles: Type.Array(Type.String()),
            delegatedRoles: Type.Array(Type.Object({ role: Type.String(), onBehalfOfUserId: Type.Integer() })),
            permissions: Type.Array(Type.String()),
            scopes: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const auth = request.auth!;
      return {
        user: { id: auth.user.id, name: auth.user.name, email: auth.user.email },
        site: { id: request.site.id, key: request.site.key, name: request.site.name },
        roles: [...auth.grants.ownRoles],
        delegatedRoles: auth.grants.delegated.map((d) => ({ role: d.role, onBehalfOfUserId: d.fromUserId })),
        permissions: [...permissionsOf(auth.grants)].sort(),
        scopes: auth.tokenScopes ?? [],
      };
    },
  );

  api.get(
    '/api/v1/units',
    { config: need('members.view'), schema: { tags: ['units'], summary: 'Units of the site', response: { 200: Type.Object({ data: Type.Array(UnitSchema) }), ...errorResponses } } },
    async (request) => ({ data: (await listUnits(db, request.site.id, { includeArchived: true })).map(unitJson) }),
  );

  api.post(
    '/api/v1/units',
    { config: need('units.manage'), schema: { tags: ['units'], summary: 'Create a unit', body: UnitInputSchema, response: { 201: UnitSchema, ...errorResponses } } },
    async (request, reply) => {
      const id = await createUnit(db, actorOf(request), request.body, deps.clock);
      return reply.code(201).send(unitJson((await getUnit(db, request.site.id, id))!));
    },
  );

  api.patch(
    '/api/v1/units/:id',
    { config: need('units.manage'), schema: { tags: ['units'], summary: 'Change a unit', params: IdParams, body: Type.Partial(UnitInputSchema), response: { 200: UnitSchema, ...errorResponses } } },
    async (request) => {
      const current = await getUnit(db, request.site.id, request.params.id);
      if (!current) throw new NotFoundError({ vi: 'đơn vị', en: 'Unit' });
      const merged = {
        name: current.name, nameEn: current.name_en, kind: current.kind, parentId: current.parent_id, headUserId: current.head_user_id,
        headName: current.head_name, headTitle: current.head_title, phone: current.phone, email: current.email, address: current.address,
        sortOrder: current.sort_order, ...request.body,
      };
      await updateUnit(db, actorOf(request), current.id, merged, deps.clock);
      return unitJson((await getUnit(db, request.site.id, current.id))!);
    },
  );

  api.get(
    '/api/v1/members',
    {
      config: need('members.view'),
      schema: {
        tags: ['members'],
        summary: 'Members of the site with their roles',
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                userId: Type.Integer(), name: Type.String(), email: Type.String(), unitId: Type.Union([Type.Integer(), Type.Null()]),
                position: Type.Union([Type.String(), Type.Null()]), roles: Type.Array(Type.String()), status: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      data: (await listMembers(db, request.site.id)).map((m) => ({ userId: m.userId, name: m.name, email: m.email, unitId: m.unitId, position: m.position, roles: m.roles, status: m.membershipStatus })),
    }),
  );

  api.get(
    '/api/v1/audit',
    {
      config: need('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'The site’s audit log, newest first',
        querystring: Type.Object({ ...PageQuery.properties, action: Type.Optional(Type.String({ maxLength: 60 })) }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                seq: Type.Integer(), time: Type.String(), actorUserId: Type.Union([Type.Integer(), Type.Null()]), onBehalfOfUserId: Type.Union([Type.Integer(), Type.Null()]),
                action: Type.String(), targetType: Type.Union([Type.String(), Type.Null()]), targetId: Type.Union([Type.String(), Type.Null()]), details: Type.Unknown(),
              }),
            ),
            page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const perPage = request.query.perPage ?? 50;
      const { rows, total } = await findAuditEntries(db, { siteId: request.site.id, ...(request.query.action ? { action: request.query.action } : {}), limit: perPage, offset: (page - 1) * perPage });
      return {
        data: rows.map((r) => ({ seq: r.seq, time: r.created_at, actorUserId: r.actor_user_id, onBehalfOfUserId: r.on_behalf_of_user_id, action: r.action, targetType: r.target_type, targetId: r.target_id, details: mayReadDetails(request.auth!.grants, r.action) ? (JSON.parse(r.details) as unknown) : { restricted: true } })),
        page, perPage, total,
      };
    },
  );
}
