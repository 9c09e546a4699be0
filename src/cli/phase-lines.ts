// What `navbot run <queue> --until <step>` says on the console before and after the phase
// (issue 22 §5): the day phase a person attends, the night run that does the rest.
import { personCanSee, type Settings } from '../config/settings.js';
import { waitText } from '../navigator/wait-text.js';
import type { FlowPlugin } from '../procedure/plugin.js';

export function phaseIntro(flow: Pick<FlowPlugin, 'steps'>, step: string, settings: Pick<Settings, 'headless' | 'remoteDebuggingPort' | 'captchaWaitS' | 'profileData'>): string[] {
  const title = flow.steps.find((s) => s.name === step)?.title ?? step;
  const captcha = settings.profileData.publicTexts.captcha;
  const lines = [`Этап до шага «${title}» (--until ${step}): каждая строка останавливается после этого шага; остальное сделает следующий запуск без --until (ночной, по расписанию).`];
  if (personCanSee(settings)) {
    lines.push(
      `Строки идут по одной, в одном окне браузера. Когда navbot напишет «Пройдите проверку «${captcha}»» и назовёт строку — отметьте «${captcha}» в окне браузера; navbot ждёт до ${waitText(settings.captchaWaitS * 1000)} (NAVBOT_CAPTCHA_WAIT_S) и сам отправит форму.`,
    );
  } else {
    lines.push(`Окна браузера нет: если сайт региона спрашивает «${captcha}», такие строки остановятся с этой причиной. Чтобы пройти проверку самим, запустите с --headed.`);
  }
  return lines;
}

/**
 * After the phase: navbot keeps no site session between runs (each row signs in again in a browser
 * context of its own), so a login that also asks for the captcha cannot be left done to the night.
 */
export function phaseOutro(step: string, settings: Pick<Settings, 'profileData'>): string[] {
  const captcha = settings.profileData.publicTexts.captcha;
  return [
    `Вход в кабинет на сайте navbot между запусками не сохраняет: ночной запуск входит по каждой строке заново. Если сайт региона спрашивает «${captcha}» и при входе, ночной запуск без окна остановит такие строки с этой причиной — тогда обрабатывайте очередь днём целиком: navbot run очередь.xlsx --headed.`,
    `Дальше: ночной запуск по расписанию (или navbot run очередь.xlsx без --until) продолжит строки, прошедшие этап «${step}».`,
  ];
}
