/*
 * Training stand admin panel («Система управления Навигатором») on Ext JS 6.2 classic.
 * Sections are hash routes (#site_user, #activity_order, #program, #organization); routes wait
 * for the login and are replayed after it, so a person lands where the address points.
 */
/* global Ext, Nav */
Ext.define('Nav.controller.Router', {
    extend: 'Ext.app.Controller',

    routes: {
        ':section': {
            action: 'showSection',
            before: 'beforeSection',
            conditions: { ':section': '([a-z_]+)' }
        }
    },

    beforeSection: function (section, action) {
        if (Nav.session.user) {
            action.resume();
        } else {
            action.stop();
        }
    },

    showSection: function (section) {
        var main = Ext.ComponentQuery.query('navmain')[0];
        if (main) {
            main.showSection(section);
        }
    }
});

Ext.application({
    name: 'Nav',
    appFolder: '/admin/app',
    controllers: ['Router'],
    defaultToken: 'site_user',

    launch: function () {
        Nav.app = this;
        Ext.create('Ext.container.Viewport', {
            layout: 'card',
            items: [{ xtype: 'navlogin' }]
        });
        // vendor-session: a token kept from an earlier visit goes with the first request.
        Nav.auth.apply();
        Nav.Api.request({
            url: '/api/user/me',
            quiet: true,
            on401: function () { Nav.session.showLogin(); },
            success: function (user) { Nav.session.loggedIn(user); },
            failure: function () { Nav.session.showLogin(); }
        });
    }
});
