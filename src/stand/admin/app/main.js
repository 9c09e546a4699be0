/*
 * The main view after login: a header with «Выход», the menu (a tree; each node has a route) and
 * the content area where sections (hash routes) are shown. The «Пользователи сайта» grid lives here.
 * `desktop` (Nav.cfg.desktop): a taskbar with «Пуск» instead of the tree; sections open as windows,
 * the users list filtered by placeholder fields «Email», «ФИО» (Enter), no routes.
 */
/* global Ext, Nav */
Ext.define('Nav.view.SiteUserGrid', {
    extend: 'Ext.grid.Panel',
    xtype: 'navsiteusers',
    section: 'site_user',
    itemId: 'siteUserGrid',

    initComponent: function () {
        var t = Nav.t,
            me = this,
            store = Nav.remoteStore('/api/rest/siteuser', 'Nav.model.SiteUser', {
                storeId: 'siteUserStore', sorters: [{ property: 'id', direction: 'DESC' }]
            });

        Ext.apply(me, {
            title: t.menuSiteUsers,
            store: store,
            viewConfig: { loadingText: t.loading, emptyText: t.emptyGrid, deferEmptyText: true },
            tbar: Nav.cfg.desktop ? me.desktopTbar(store) : [{
                iconCls: 'x-fa fa-plus', tooltip: t.create, itemId: 'createButton', handler: me.onCreate, scope: me
            }, {
                iconCls: 'x-fa fa-folder-open-o', tooltip: t.open, itemId: 'openButton', handler: me.onOpen, scope: me
            }, {
                iconCls: 'x-fa fa-refresh', tooltip: t.refresh, itemId: 'refreshButton', handler: function () { store.reload(); }
            }, '->', {
                xtype: 'textfield',
                itemId: 'searchField',
                name: 'query',
                emptyText: t.search,
                width: 320,
                triggers: {
                    clear: { cls: 'x-form-clear-trigger', handler: function (field) { field.setValue(''); me.search(); } }
                },
                listeners: {
                    specialkey: function (field, e) {
                        if (e.getKey() === e.ENTER) {
                            me.search();
                        }
                    }
                }
            }, {
                text: t.find, itemId: 'findButton', iconCls: 'x-fa fa-search', handler: me.search, scope: me
            }],
            bbar: Nav.pagingBar(store),
            columns: Nav.cfg.desktop ? me.desktopColumns() : [
                { text: t.columnId, dataIndex: 'id', width: 90 },
                { text: t.columnFullName, dataIndex: 'full_name', flex: 1, minWidth: 200, sortable: false },
                { text: t.lastName, dataIndex: 'last_name', hidden: true },
                { text: t.firstName, dataIndex: 'first_name', hidden: true, sortable: false },
                { text: t.patronymic, dataIndex: 'patro_name', hidden: true, sortable: false },
                { text: t.email, dataIndex: 'email', flex: 1, minWidth: 200 },
                { text: t.phone, dataIndex: 'phone', width: 150, sortable: false },
                { text: t.municipality, dataIndex: 'municipality', width: 180, sortable: false },
                { text: t.resident, dataIndex: 'is_resident', width: 120, renderer: Nav.yesNo, sortable: false },
                { text: t.verified, dataIndex: 'is_verified', width: 110, renderer: Nav.yesNo, sortable: false }
            ],
            listeners: {
                itemdblclick: function (view, record) {
                    Nav.view.UserWindow.open(record.get('id'));
                }
            }
        });
        me.callParent();
        store.load();
    },

    /**
     * `desktop`: the list is filtered by fields with placeholders («Email», «ФИО»; no «Поиск»
     * field or button), each applied on Enter; the records carry id and flags no column shows.
     */
    desktopTbar: function (store) {
        var t = Nav.t,
            me = this,
            filter = function (name, placeholder) {
                return {
                    xtype: 'textfield', name: name, itemId: name + 'Filter', emptyText: placeholder, width: 240,
                    listeners: {
                        specialkey: function (field, e) {
                            if (e.getKey() === e.ENTER) {
                                me.filter();
                            }
                        }
                    }
                };
            };
        return [
            { iconCls: 'x-fa fa-plus', tooltip: t.create, itemId: 'createButton', handler: me.onCreate, scope: me },
            { iconCls: 'x-fa fa-refresh', tooltip: t.refresh, itemId: 'refreshButton', handler: function () { store.reload(); } },
            filter('email', 'Email'),
            filter('fio', 'ФИО')
        ];
    },

    desktopColumns: function () {
        var t = Nav.t;
        return [
            { text: t.columnFullName, dataIndex: 'full_name', flex: 1, minWidth: 200, sortable: false },
            { text: t.email, dataIndex: 'email', flex: 1, minWidth: 200 },
            { text: t.phone, dataIndex: 'phone', width: 150, sortable: false },
            { text: t.municipality, dataIndex: 'municipality', width: 180, sortable: false }
        ];
    },

    filter: function () {
        var me = this,
            proxy = me.getStore().getProxy();
        Ext.Array.each(['email', 'fio'], function (name) {
            proxy.setExtraParam(name, Ext.String.trim(me.down('#' + name + 'Filter').getValue() || ''));
        });
        me.getStore().loadPage(1);
    },

    search: function () {
        var store = this.getStore(),
            query = Ext.String.trim(this.down('#searchField').getValue() || '');
        store.getProxy().setExtraParam('query', query);
        store.loadPage(1);
    },

    onOpen: function () {
        var record = this.getSelectionModel().getSelection()[0];
        if (record) {
            Nav.view.UserWindow.open(record.get('id'));
        }
    },

    onCreate: function () {
        Nav.view.UserWindow.open(null);
    }
});

/** A plain list section (Заявки, Программы, Организации). */
Ext.define('Nav.view.ListSection', {
    extend: 'Ext.grid.Panel',
    xtype: 'navlist',

    initComponent: function () {
        var me = this,
            store = Nav.remoteStore(me.url, me.fields, {});
        Ext.apply(me, {
            store: store,
            viewConfig: { loadingText: Nav.t.loading, emptyText: Nav.t.emptyGrid, deferEmptyText: false },
            tbar: [{ iconCls: 'x-fa fa-refresh', tooltip: Nav.t.refresh, handler: function () { store.reload(); } }],
            bbar: Nav.pagingBar(store)
        });
        me.callParent();
        store.load();
    }
});

Nav.sections = function () {
    var t = Nav.t;
    return {
        site_user: { text: t.menuSiteUsers, iconCls: 'x-fa fa-users', view: { xtype: 'navsiteusers' } },
        activity_order: {
            text: t.menuOrders, iconCls: 'x-fa fa-file-text-o',
            view: {
                xtype: 'navlist', title: t.menuOrders, url: '/api/rest/activity_order', fields: ['id', 'program', 'status', 'date'],
                columns: [
                    { text: t.columnId, dataIndex: 'id', width: 90 },
                    { text: t.columnProgram, dataIndex: 'program', flex: 1 },
                    { text: t.columnStatus, dataIndex: 'status', width: 160 },
                    { text: t.columnDate, dataIndex: 'date', width: 140, renderer: function (v) { return Nav.dateText(v, true); } }
                ]
            }
        },
        program: {
            text: t.menuPrograms, iconCls: 'x-fa fa-graduation-cap',
            view: {
                xtype: 'navlist', title: t.menuPrograms, url: '/api/rest/program', fields: ['id', 'name'],
                columns: [{ text: t.columnId, dataIndex: 'id', width: 90 }, { text: t.columnName, dataIndex: 'name', flex: 1 }]
            }
        },
        organization: {
            text: t.menuOrganizations, iconCls: 'x-fa fa-university',
            view: {
                xtype: 'navlist', title: t.menuOrganizations, url: '/api/rest/organization', fields: ['id', 'name', 'municipality'],
                columns: [
                    { text: t.columnId, dataIndex: 'id', width: 90 },
                    { text: t.columnName, dataIndex: 'name', flex: 1 },
                    { text: t.municipality, dataIndex: 'municipality', width: 200 }
                ]
            }
        }
    };
};

Ext.define('Nav.view.Main', {
    extend: 'Ext.container.Container',
    xtype: 'navmain',
    layout: 'border',

    initComponent: function () {
        var t = Nav.t,
            me = this,
            sections = Nav.sections(),
            nodes = [];
        Ext.Object.each(sections, function (route, s) {
            nodes.push({ text: s.text, route: route, iconCls: s.iconCls, leaf: true });
        });
        me.items = [{
            region: 'north',
            xtype: 'toolbar',
            cls: 'nav-header',
            height: 52,
            items: [{
                xtype: 'tbtext', cls: 'nav-header-title', text: Ext.String.htmlEncode(t.appTitle)
            }, '->', {
                xtype: 'tbtext', itemId: 'currentUser', text: Ext.String.htmlEncode((me.user && (me.user.name + ' (' + me.user.email + ')')) || '')
            }, {
                text: t.logout, itemId: 'logoutButton', iconCls: 'x-fa fa-sign-out', handler: function () { Nav.session.logout(); }
            }]
        }, Nav.cfg.desktop ? {
            // `desktop`: a taskbar with the start menu; sections open as windows over the desktop.
            region: 'south',
            xtype: 'toolbar',
            itemId: 'taskbar',
            cls: 'nav-taskbar',
            items: [{
                text: 'Пуск',
                itemId: 'startButton',
                iconCls: 'x-fa fa-th',
                menu: {
                    itemId: 'startMenu',
                    items: Ext.Array.map(nodes, function (n) {
                        return { text: n.text, iconCls: n.iconCls, handler: function () { me.openWindow(n.route); } };
                    })
                }
            }]
        } : {
            region: 'west',
            xtype: 'treepanel',
            itemId: 'mainMenu',
            width: 250,
            split: true,
            rootVisible: false,
            useArrows: true,
            hideHeaders: true,
            store: Ext.create('Ext.data.TreeStore', {
                fields: ['text', 'route'],
                root: { expanded: true, children: nodes }
            }),
            listeners: {
                itemclick: function (view, record) {
                    if (record.get('route')) {
                        Nav.app.redirectTo(record.get('route'));
                    }
                }
            }
        }, {
            region: 'center',
            xtype: 'container',
            itemId: 'content',
            layout: 'card'
        }];
        me.callParent();
    },

    /** `desktop`: a section as a window (one per section; brought to the front when open). */
    openWindow: function (route) {
        var s = Nav.sections()[route],
            win = Ext.ComponentQuery.query('window[sectionRoute=' + route + ']')[0];
        if (win) {
            win.toFront();
            return win;
        }
        win = Ext.create('Ext.window.Window', {
            title: s.text,
            sectionRoute: route,
            width: Math.min(1100, Ext.Element.getViewportWidth() - 40),
            height: Math.min(620, Ext.Element.getViewportHeight() - 110),
            constrainHeader: true,
            maximizable: true,
            minimizable: true,
            closeAction: 'destroy',
            layout: 'fit',
            items: [Ext.apply({ header: false }, s.view)],
            listeners: { minimize: function (w) { w.hide(); } }
        });
        win.show();
        return win;
    },

    /** Shows a section by its route; unknown routes fall back to the users. */
    showSection: function (route) {
        var sections = Nav.sections(),
            content = this.down('#content'),
            menu = this.down('#mainMenu'),
            view, node;
        if (Nav.cfg.desktop) {
            // A desktop build has no section routes: modules open from the start menu.
            return;
        }
        if (!sections[route]) {
            Nav.app.redirectTo('site_user');
            return;
        }
        view = content.items.findBy(function (c) { return c.route === route; });
        if (!view) {
            view = content.add(Ext.apply({ route: route }, sections[route].view));
        }
        content.getLayout().setActiveItem(view);
        node = menu.getStore().getRoot().findChild('route', route);
        if (node) {
            menu.getSelectionModel().select(node, false, true);
        }
    }
});
