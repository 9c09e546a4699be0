// `navbot doctor`'s survey of a region, the browser side: what the admin panel and the public
// site show, read without writing anything but the admin login. It walks the way a batch walks
// (login, the site users' section, a user card, its «Дети» tab, a child card, the certificate
// dialog — cancelled, never saved) and at each screen compares the profile's texts with what is
// there (match.ts). Where the profile's text is missing it names the text on screen that
// plays its role and goes on with that one, so that one run finds every difference.
//
// Read-only by construction: only the page objects' read methods, clicks that open (a menu item,
// a row, a tab, «Выдать сертификат», a combo's list) and what closes (Esc on the window in front,
// «Закрыть», «Отмена», a window's close tool: PanelDriver.closeWindow). No «Сохранить»,
// «Подтвердить», no typing except the login, «Поиск» and Esc.
import type { Page } from 'playwright';
import { PanelDriver } from '../../navigator/admin/driver.js';
import type { UserCard } from '../../navigator/admin/user-card.js';
import { surveyLogin } from './admin-login.js';
import { surveyChild } from './child-card.js';
import { SurveyContext } from './context.js';
import { surveySite } from './public-site.js';
import { surveyKids, surveyUserCard } from './user-card.js';
import { surveySection } from './users-section.js';

/** The survey's walk, screen by screen; each screen lives in a module of its own. */
export class RegionSurvey extends SurveyContext {
  /** Admin steps 1–8. Each screen needs the one before; a failure skips the rest, saying why. */
  async admin(page: Page): Promise<void> {
    const a = this.findings.admin;
    const skipAll = (why: string, from: string[]) => {
      for (const s of from) a.skipped[s] ??= why;
    };
    const later = ['menu', 'section', 'user', 'userCard', 'kids', 'child', 'dialog'];
    try {
      if (!(await surveyLogin(this, page))) return skipAll('вход в админ-панель не удался', later);
    } catch (e) {
      this.fail('вход в админ-панель', e);
      return skipAll('вход в админ-панель не удался', later);
    }
    try {
      if (!(await surveySection(this, page))) return skipAll('раздел пользователей сайта не открылся', later.slice(2));
    } catch (e) {
      this.fail('раздел пользователей сайта', e);
      return skipAll('раздел пользователей сайта не открылся', later.slice(2));
    }
    const driver = new PanelDriver(page, this.work, this.o.timeoutMs);
    let card: UserCard | undefined;
    try {
      card = await surveyUserCard(this, page, driver);
      if (!card) return skipAll(a.skipped.user ?? 'карточка пользователя не открылась', ['userCard', 'kids', 'child', 'dialog']);
    } catch (e) {
      this.fail('карточка пользователя', e);
      return skipAll('карточка пользователя не открылась', ['kids', 'child', 'dialog']);
    }
    try {
      const childId = await surveyKids(this, page, driver, card);
      if (childId === null) {
        skipAll('у пользователя нет детей', ['child', 'dialog']);
      } else {
        await surveyChild(this, page, driver, card, childId);
      }
    } catch (e) {
      this.fail('дети пользователя', e);
      skipAll('не удалось открыть ребёнка', ['child', 'dialog']);
    } finally {
      // Close whatever the survey opened, without saving anything.
      await this.closeAll(page, driver).catch((e) => this.fail('закрытие окон', e));
    }
  }

  /** Step 9: the registration and login pages, the site's own texts, municipalities, captcha. */
  async site(page: Page): Promise<void> {
    await surveySite(this, page);
  }
}
