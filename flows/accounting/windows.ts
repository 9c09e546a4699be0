// The admin windows a row has open. Steps of one row work on the same user and child, so a card
// stays open from one step to the next, and a probe reads what the open card loaded. A verify
// reads what the server said after the act without closing anything: the save request's answer,
// or the card's list loaded again (UserCardPort.children({ reload })). Only when a page object
// cannot tell does a verify ask for a fresh card (`fresh`: closed and opened again), so that what
// it reads comes from the server, not from the form it just filled.
import type { AdminPort, ChildCardPort, UserCardPort } from '../../src/navigator/ports.js';

export class RowWindows {
  private userCard: { id: string; card: UserCardPort } | undefined;
  private childCard: { id: string; card: ChildCardPort } | undefined;

  constructor(private readonly admin: AdminPort) {}

  /**
   * The user's card «#id клиент», on top (a child card over it is closed, since it is modal);
   * `fresh` reopens it to read what the server holds now.
   */
  async user(id: string, fresh = false): Promise<UserCardPort> {
    await this.closeChild();
    return this.userUnder(id, fresh);
  }

  private async userUnder(id: string, fresh = false): Promise<UserCardPort> {
    if (this.userCard && (this.userCard.id !== id || fresh)) await this.closeAll();
    this.userCard ??= { id, card: await this.admin.openUser(id) };
    return this.userCard.card;
  }

  /** The child's card «Редактирование ребенка» over its user's card. */
  async child(userId: string, childId: string, fresh = false): Promise<ChildCardPort> {
    if (this.childCard && (this.childCard.id !== childId || fresh)) await this.closeChild();
    const user = await this.userUnder(userId);
    this.childCard ??= { id: childId, card: await user.openChild(childId) };
    return this.childCard.card;
  }

  async closeChild(): Promise<void> {
    const c = this.childCard;
    this.childCard = undefined;
    await c?.card.close();
  }

  /** Leaves the panel as a person finds it: no card open. */
  async closeAll(): Promise<void> {
    await this.closeChild();
    const u = this.userCard;
    this.userCard = undefined;
    await u?.card.close();
  }
}
