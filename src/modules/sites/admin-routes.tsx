// Site settings for a site's administrators; the register of sites, their
// host names and their life cycle for the installation administrator.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { slugify, toNfc } from '../../core/vietnamese/index.ts';
import { format } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader, type FormValues } from '../../platform/http/form.ts';
import { actorOf, idParam, originOf } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { LABEL_KEYS, SiteDetailPage, SiteSettingsPage, SitesPage, StatusConfirmPage } from './admin-pages.tsx';
import { changeSiteStatus, createSite, updateSite, type SiteInput } from './manage-sites.ts';
import { siteText } from './messages.ts';
import { REDIRECT_MODES, SITE_LEVELS, type Site, type SiteLabels, type SiteLicence } from './site.ts';
import { linkLines, parseLinkLines } from './link-lines.ts';
import { AA_TEXT, contrastRatio, isHexColor } from '../../core/color.ts';
import { listMedia } from '../media/media.ts';
import { getSite } from './store.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import { announceHandover, openCaseCount } from '../citizens/hand-over-cases.ts';
import { draftsTakingComments } from '../consultations/store.ts';
import { signInSummary } from '../sso/pages.tsx';
import { localPasswordsAllowed } from '../sso/password-sign-in.ts';

function inputOf(site: Site): SiteInput {
  return {
    key: site.key,
    name: site.name,
    nameEn: site.nameEn,
    agencyName: site.agencyName,
    agencyNameEn: site.agencyNameEn,
    level: site.level,
    parentSiteId: site.parentSiteId,
    languages: site.languages,
    labels: site.labels,
    contact: site.contact,
    settings: site.settings,
    hosts: site.hosts,
    isDefault: site.isDefault,
  };
}

function settingsValues(site: Site): FormValues {
  return {
    name: site.name,
    nameEn: site.nameEn ?? '',
    agencyName: site.agencyName,
    agencyNameEn: site.agencyNameEn ?? '',
    english: site.languages.includes('en') ? 'on' : '',
    address: site.contact.address ?? '',
    phone: site.contact.phone ?? '',
    email: site.contact.email ?? '',
    responsiblePerson: site.contact.responsiblePerson ?? '',
    ownerEmail: site.settings.ownerContact?.email ?? '',
    twoFactor: site.settings.twoFactor,
    logoMediaId: site.settings.branding.logoMediaId ? String(site.settings.branding.logoMediaId) : '',
    bannerMediaId: site.settings.branding.bannerMediaId ? String(site.settings.branding.bannerMediaId) : '',
    primaryColor: site.settings.branding.primaryColor ?? '',
    links: linkLines(site.settings.links),
    licenceNumber: site.settings.licence?.number ?? '',
    licenceIssuer: site.settings.licence?.issuer ?? '',
    licenceDate: site.settings.licence?.issuedOn ? formatDate(site.settings.licence.issuedOn) : '',
    channels: linkLines(site.settings.channels ?? []),
    publicServicePortal: site.settings.publicServicePortal ? linkLines([site.settings.publicServicePortal]) : '',
    homeShowsReference: site.settings.homeShowsReference ? 'on' : '',
    docTypes: (site.settings.documents?.types ?? []).map((ty) => (ty.en && ty.en !== ty.vi ? `${ty.vi} | ${ty.en}` : ty.vi)).join('\n'),
    docFields: (site.settings.documents?.fields ?? []).join('\n'),
    ownIssuers: (site.settings.documents?.ownIssuers ?? []).join('\n'),
    ...Object.fromEntries(LABEL_KEYS.map((k) => [`label_${k}`, site.labels[k] ?? ''])),
  };
}

function technicalValues(site: Site): FormValues {
  return {
    key: site.key,
    level: site.level,
    parentSiteId: site.parentSiteId ? String(site.parentSiteId) : '',
    hosts: site.hosts.join('\n'),
    isDefault: site.isDefault ? 'on' : '',
  };
}

export function registerSiteAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const settings = { access: { kind: 'permission' as const, permission: 'site.settings' as const } };
  const platform = { access: { kind: 'platform-admin' as const } };

  // ---- One site's own settings ---------------------------------------------
  // The link to the sign-in methods says what is actually configured (ADR 31).
  const signInOf = (request: FastifyRequest) =>
    signInSummary(request.lang, { shared: !!deps.config.sso?.oidc || !!deps.config.sso?.ldap, localPasswords: localPasswordsAllowed(request.site) });
  const imageOptions = async (request: FastifyRequest) =>
    (await listMedia(db, request.site.id, { kind: 'image', limit: 200 })).items.map((m) => ({ value: String(m.id), label: `${m.originalName}${m.alt ? ` — ${m.alt}` : ''}` }));

  app.get('/admin/site', { config: settings }, async (request, reply) =>
    sendHtml(reply, <SiteSettingsPage ctx={await pageContext(deps, request, reply)} form={emptyForm(settingsValues(request.site))} images={await imageOptions(request)} signIn={signInOf(request)} />),
  );

  app.post('/admin/site', { config: settings }, async (request, reply) => {
    const t = siteText(request.lang);
    const site = request.site;
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 200 });
    const nameEn = form.text('nameEn', { label: t.nameEn, max: 200 });
    const agencyName = form.text('agencyName', { label: t.agencyName, required: true, max: 200 });
    const agencyNameEn = form.text('agencyNameEn', { label: t.agencyNameEn, max: 200 });
    const english = form.checkbox('english');
    const contact = {
      address: form.text('address', { label: t.address, max: 300 }),
      phone: form.phone('phone', { label: t.phone }),
      email: form.email('email', { label: t.email }),
      responsiblePerson: form.text('responsiblePerson', { label: t.responsiblePerson, max: 200 }),
    };
    const ownerEmail = form.email('ownerEmail', { label: t.ownerEmail });
    const labels: SiteLabels = {};
    for (const key of LABEL_KEYS) {
      const value = form.text(`label_${key}`, { label: key, max: 120 });
      if (value) labels[key] = value;
    }
    const twoFactor = form.choice('twoFactor', ['off', 'admins', 'everyone'] as const, { label: t.twoFactor, required: true });
    const images = await imageOptions(request);
    const imageIds = new Set(images.map((o) => o.value));
    const logoMediaId = form.id('logoMediaId', { label: t.logo });
    const bannerMediaId = form.id('bannerMediaId', { label: t.banner });
    if (logoMediaId && !imageIds.has(String(logoMediaId))) form.fail('logoMediaId', t.logoHint);
    if (bannerMediaId && !imageIds.has(String(bannerMediaId))) form.fail('bannerMediaId', t.logoHint);
    const primaryColor = form.text('primaryColor', { label: t.primaryColor, max: 7 });
    if (primaryColor && !isHexColor(primaryColor)) form.fail('primaryColor', t.badColor);
    else if (primaryColor && contrastRatio(primaryColor, '#ffffff') < AA_TEXT) {
      form.fail('primaryColor', format(t.lowContrast, { color: primaryColor, ratio: contrastRatio(primaryColor, '#ffffff').toFixed(2).replace('.', ',') }));
    }
    const { links, badLines } = parseLinkLines(form.text('links', { label: t.links, max: 4000 }) ?? '');
    // One message per field, naming every line to fix.
    if (badLines.length > 0) form.fail('links', format(t.badLink, { line: badLines.join(', ') }));
    const licence: SiteLicence = {
      number: form.text('licenceNumber', { label: t.licenceNumber, max: 100 }),
      issuer: form.text('licenceIssuer', { label: t.licenceIssuer, max: 300 }),
      issuedOn: form.date('licenceDate', { label: t.licenceDate }),
    };
    if (!licence.number !== !licence.issuer) form.fail(licence.number ? 'licenceIssuer' : 'licenceNumber', t.licenceIncomplete);
    const channels = parseLinkLines(form.text('channels', { label: t.channels, max: 4000 }) ?? '', 'channel');
    if (channels.badLines.length > 0) form.fail('channels', format(t.badChannel, { line: channels.badLines.join(', ') }));
    const portal = parseLinkLines(form.text('publicServicePortal', { label: t.publicServicePortal, max: 500 }) ?? '');
    if (portal.badLines.length > 0 || portal.links.length > 1) form.fail('publicServicePortal', t.badPublicServicePortal);
    const homeShowsReference = form.checkbox('homeShowsReference');
    // The site's own document types (key from the Vietnamese name) and fields, beside the defaults.
    const docTypes: { key: string; vi: string; en: string }[] = [];
    (form.text('docTypes', { label: t.docTypes, max: 4000 }) ?? '').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const [vi, en] = line.split('|').map((x) => toNfc(x.trim()));
      const key = vi ? slugify(vi, 60) : '';
      if (!vi || !key) form.fail('docTypes', format(t.badDocType, { line: i + 1 }));
      else if (!docTypes.some((d) => d.key === key)) docTypes.push({ key, vi, en: en || vi });
    });
    const docFields = [...new Set((form.text('docFields', { label: t.docFields, max: 4000 }) ?? '').split('\n').map((f) => toNfc(f.trim())).filter(Boolean))];
    const ownIssuers = [...new Set((form.text('ownIssuers', { label: t.ownIssuers, max: 4000 }) ?? '').split('\n').map((f) => toNfc(f.trim())).filter(Boolean))];
    if (form.ok && name && agencyName && twoFactor) {
      try {
        await updateSite(
          db,
          actorOf(request),
          site.id,
          {
            ...inputOf(site),
            name, nameEn, agencyName, agencyNameEn, languages: english ? ['vi', 'en'] : ['vi'], contact, labels,
            settings: { ...site.settings, twoFactor, links, licence, channels: channels.links, publicServicePortal: portal.links[0] ?? null, homeShowsReference, ownerContact: { email: ownerEmail }, documents: { types: docTypes, fields: docFields, ownIssuers }, branding: { logoMediaId, bannerMediaId, primaryColor: primaryColor ? primaryColor.toLowerCase() : null } },
          },
          clock,
        );
        deps.sites.invalidate();
        return redirectWithFlash(reply, '/admin/site', { kind: 'success', text: t.saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sendHtml(reply, <SiteSettingsPage ctx={await pageContext(deps, request, reply)} form={form} images={images} signIn={signInOf(request)} />, 400);
  });

  // ---- All sites (IT centre) --------------------------------------------------
  const siteOptions = async (exceptId?: number) => (await deps.sites.all()).filter((s) => s.id !== exceptId).map((s) => ({ value: String(s.id), label: s.name }));

  async function sitesPage(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    return sendHtml(
      reply,
      <SitesPage ctx={await pageContext(deps, request, reply)} sites={await deps.sites.all()} form={form} parentOptions={await siteOptions()} originOf={(host) => originOf(request, host)} />,
      status,
    );
  }

  function readTechnical(form: FormReader, lang: 'vi' | 'en') {
    const t = siteText(lang);
    return {
      key: form.text('key', { label: t.key, required: true, max: 63 }),
      level: form.choice('level', SITE_LEVELS, { label: t.level, required: true }),
      parentSiteId: form.id('parentSiteId', { label: t.parent }),
      hosts: (form.text('hosts', { label: t.hosts, required: true, max: 2000 }) ?? '').split(/[\s,]+/).filter(Boolean),
      isDefault: form.checkbox('isDefault'),
    };
  }

  app.get('/admin/sites', { config: platform }, async (request, reply) => sitesPage(request, reply, emptyForm({ level: 'commune' })));

  app.post('/admin/sites', { config: platform }, async (request, reply) => {
    const t = siteText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const tech = readTechnical(form, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 200 });
    const agencyName = form.text('agencyName', { label: t.agencyName, required: true, max: 200 });
    if (form.ok && tech.key && tech.level && name && agencyName) {
      try {
        const { siteId: _ignored, ...actor } = actorOf(request);
        const site = await createSite(db, actor, { ...tech, key: tech.key, level: tech.level, name, agencyName }, clock);
        deps.sites.invalidate();
        return redirectWithFlash(reply, `/admin/sites/${site.id}`, { kind: 'success', text: format(t.created, { name }) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sitesPage(request, reply, form, 400);
  });

  async function detailPage(request: FastifyRequest, reply: FastifyReply, site: Site, forms: { form?: FormState; statusForm?: FormState } = {}, status = 200) {
    // The open cases go by default to the site it merged into, or else to its parent site.
    const receiver = site.mergedIntoSiteId ?? site.parentSiteId;
    // The successor of an archived site defaults to the case receiver (ADR 29); "none" only when chosen.
    const successor = site.status === 'archived' && site.settings.noSuccessor ? 'none' : receiver ? String(receiver) : '';
    const statusValues = { status: site.status, mergedIntoSiteId: site.status === 'merged' && site.mergedIntoSiteId ? String(site.mergedIntoSiteId) : '', notice: site.statusNotice ?? '', redirectMode: site.redirectMode, handoverSiteId: receiver ? String(receiver) : '', successorSiteId: successor };
    // What archiving or merging will stop: shown before the status is saved.
    const consequences = { openCases: await openCaseCount(db, site.id), openDrafts: await draftsTakingComments(db, site.id, vietnamDate(clock.now())) };
    return sendHtml(
      reply,
      <SiteDetailPage
        ctx={await pageContext(deps, request, reply)}
        site={site}
        form={forms.form ?? emptyForm(technicalValues(site))}
        statusForm={forms.statusForm ?? emptyForm(statusValues)}
        parentOptions={await siteOptions(site.id)}
        mergeOptions={await siteOptions(site.id)}
        consequences={consequences}
      />,
      status,
    );
  }

  const siteParam = async (request: FastifyRequest) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? getSite(db, id) : null;
  };

  app.get('/admin/sites/:id', { config: platform }, async (request, reply) => {
    const site = await siteParam(request);
    return site ? detailPage(request, reply, site) : notFound(request, reply);
  });

  app.post('/admin/sites/:id', { config: platform }, async (request, reply) => {
    const site = await siteParam(request);
    if (!site) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const tech = readTechnical(form, request.lang);
    if (form.ok && tech.key && tech.level) {
      try {
        // The change is recorded in the audit chain of the site that changed.
        await updateSite(db, { ...actorOf(request), siteId: site.id }, site.id, { ...inputOf(site), ...tech, key: tech.key, level: tech.level }, clock);
        deps.sites.invalidate();
        return redirectWithFlash(reply, `/admin/sites/${site.id}`, { kind: 'success', text: siteText(request.lang).saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return detailPage(request, reply, site, { form }, 400);
  });

  app.post('/admin/sites/:id/status', { config: platform }, async (request, reply) => {
    const t = siteText(request.lang);
    const site = await siteParam(request);
    if (!site) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const status = form.choice('status', ['active', 'archived', 'merged'] as const, { label: t.status, required: true });
    const mergedIntoSiteId = form.id('mergedIntoSiteId', { label: t.mergedInto });
    const notice = form.text('notice', { label: t.notice, max: 1000 });
    const redirectMode = form.choice('redirectMode', REDIRECT_MODES, { label: t.redirect, required: true });
    const handoverSiteId = form.id('handoverSiteId', { label: t.handoverTo });
    // Archiving names the successor, or says explicitly that there is none.
    const successorRaw = form.text('successorSiteId', { label: t.successor, max: 20 }) ?? '';
    const noSuccessor = successorRaw === 'none';
    const successorSiteId = noSuccessor ? null : form.id('successorSiteId', { label: t.successor });
    if (status === 'archived' && !noSuccessor && !successorSiteId) form.fail('successorSiteId', t.successorRequired);
    const change = { status: status!, mergedIntoSiteId, notice, redirectMode: redirectMode!, handoverSiteId, successorSiteId, noSuccessor };
    if (form.ok && status && redirectMode && status !== 'active' && (request.body as Record<string, unknown>).confirm !== '1') {
      // Two steps: what will happen, then "Xác nhận lưu trữ" — after the same checks as saving.
      try {
        await changeSiteStatus(db, { ...actorOf(request), siteId: site.id }, site.id, { ...change, dryRun: true }, clock);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
        return detailPage(request, reply, site, { statusForm: form }, 400);
      }
      const nameOf = async (id: number | null) => (id ? ((await deps.sites.byIdOrNull(id))?.name ?? null) : null);
      const values: Record<string, string> = { status, redirectMode, notice: notice ?? '', mergedIntoSiteId: mergedIntoSiteId ? String(mergedIntoSiteId) : '', handoverSiteId: handoverSiteId ? String(handoverSiteId) : '', successorSiteId: noSuccessor ? 'none' : successorSiteId ? String(successorSiteId) : '' };
      const confirm = {
        status,
        values,
        openCases: await openCaseCount(db, site.id),
        openDrafts: await draftsTakingComments(db, site.id, vietnamDate(clock.now())),
        receiver: await nameOf(status === 'merged' ? mergedIntoSiteId : handoverSiteId),
        successor: await nameOf(status === 'merged' ? mergedIntoSiteId : successorSiteId),
      };
      return sendHtml(reply, <StatusConfirmPage ctx={await pageContext(deps, request, reply)} site={site} confirm={confirm} />);
    }
    if (form.ok && status && redirectMode) {
      try {
        const { handover } = await changeSiteStatus(db, { ...actorOf(request), siteId: site.id }, site.id, change, clock);
        deps.sites.invalidate();
        if (handover) {
          const linkBase = handover.to.primaryHost ? originOf(request, handover.to.primaryHost) : null;
          const mailErrors = await announceHandover({ db, mailer: deps.mailer, clock }, handover, linkBase);
          if (mailErrors.length > 0) request.log.warn({ errors: mailErrors }, 'handover not e-mailed to everyone');
        }
        const text = handover ? format(t.handedOver, { count: handover.cases.length, name: handover.to.name }) : t.statusSaved;
        return redirectWithFlash(reply, `/admin/sites/${site.id}`, { kind: 'success', text });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return detailPage(request, reply, site, { statusForm: form }, 400);
  });
}
