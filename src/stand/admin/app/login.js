/*
 * Login view and the admin session: Nav.session knows who is logged in, shows the login view
 * at start, after logout and when the server says the session expired (401).
 */
/* global Ext, Nav */
Ext.define('Nav.view.Login', {
    extend: 'Ext.container.Container',
    xtype: 'navlogin',
    cls: 'nav-login',
    layout: 'center',

    initComponent: function () {
        var t = Nav.t,
            me = this;
        me.items = [{
            xtype: 'form',
            itemId: 'loginForm',
            title: t.appTitle,
            width: 380,
            bodyPadding: '20 20 10 20',
            frame: false,
            defaults: { anchor: '100%', hideLabel: true, allowBlank: false, blankText: t.requiredFields },
            items: [{
                xtype: 'component',
                itemId: 'loginMessage',
                cls: 'nav-login-message',
                hidden: true
            }, {
                xtype: 'textfield',
                name: 'email',
                emptyText: t.loginEmail,
                listeners: { specialkey: me.onKey, scope: me }
            }, {
                xtype: 'textfield',
                name: 'password',
                inputType: 'password',
                emptyText: t.loginPassword,
                listeners: { specialkey: me.onKey, scope: me }
            }],
            buttons: [{
                text: t.loginButton,
                itemId: 'loginButton',
                scale: 'medium',
                handler: me.submit,
                scope: me
            }]
        }];
        me.callParent();
    },

    onKey: function (field, e) {
        if (e.getKey() === e.ENTER) {
            this.submit();
        }
    },

    setMessage: function (text) {
        var msg = this.down('#loginMessage');
        msg.update(Ext.String.htmlEncode(text || ''));
        msg.setVisible(!!text);
    },

    submit: function () {
        var me = this,
            form = me.down('#loginForm'),
            values = form.getForm().getValues();
        if (!form.getForm().isValid()) {
            me.setMessage(Nav.t.loginFailed);
            return;
        }
        me.setMessage('');
        Nav.Api.request({
            url: '/api/user/login',
            method: 'POST',
            jsonData: { email: values.email, password: values.password },
            mask: form,
            quiet: true,
            on401: function (body) {
                me.setMessage((body && body.message) || Nav.t.loginFailed);
            },
            success: function (data) {
                form.getForm().reset();
                Nav.session.loggedIn(data.user);
            },
            failure: function (body, status) {
                me.setMessage(status >= 500 || status === 0 || status === 429 ?
                    Nav.fmt(Nav.t.serverError, { status: status }) :
                    (body && body.message) || Nav.t.loginFailed);
            }
        });
    }
});

Ext.define('Nav.Session', {
    singleton: true,

    user: null,

    viewport: function () {
        return Ext.ComponentQuery.query('viewport')[0];
    },

    /** Shows the login view; `message` explains why (e.g. the session expired). */
    showLogin: function (message) {
        var vp = this.viewport(),
            login = vp.down('navlogin'),
            main = vp.down('navmain');
        this.user = null;
        Ext.Array.each(Ext.ComponentQuery.query('window'), function (w) {
            if (w instanceof Ext.window.MessageBox) {
                w.hide();
            } else if (!w.destroyed) {
                w.destroy();
            }
        });
        vp.getLayout().setActiveItem(login);
        if (main) {
            vp.remove(main, true);
        }
        login.setMessage(message || '');
        Ext.defer(function () {
            var email = login.down('textfield[name=email]');
            if (email && !email.destroyed) {
                email.focus();
            }
        }, 10);
    },

    isLoginShown: function () {
        var vp = this.viewport();
        return !vp || vp.getLayout().getActiveItem() === vp.down('navlogin');
    },

    /** A 401 from anywhere: close everything and ask to log in again. */
    expired: function () {
        if (this.user === null && this.isLoginShown()) {
            return;
        }
        this.showLogin(Nav.t.sessionExpired);
    },

    loggedIn: function (user) {
        var vp = this.viewport(),
            main;
        this.user = user;
        main = vp.add({ xtype: 'navmain', user: user });
        vp.getLayout().setActiveItem(main);
        // Back to where the person was (the hash is kept while logged out).
        Nav.app.redirectTo(Ext.util.History.getToken() || 'site_user', true);
    },

    logout: function () {
        var me = this;
        Nav.Api.request({
            url: '/api/user/logout',
            method: 'POST',
            jsonData: {},
            quiet: true,
            on401: function () { me.showLogin(); },
            success: function () { me.showLogin(); },
            failure: function () { me.showLogin(); }
        });
    }
}, function () {
    Nav.session = Nav.Session;
});
