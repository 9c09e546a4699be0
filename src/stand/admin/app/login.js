/*
 * Login view and the admin session: Nav.session knows who is logged in, shows the login view
 * at start, after logout and when the server says the session expired (401).
 */
/* global Ext, Nav */
/**
 * The login form («E-mail», «Пароль», «ВОЙТИ»): on the login view, and (vendor-session) in the
 * login window shown over whatever was open when the token expired.
 */
Ext.define('Nav.view.LoginForm', {
    extend: 'Ext.form.Panel',
    xtype: 'navloginform',
    itemId: 'loginForm',
    bodyPadding: '20 20 10 20',
    frame: false,

    initComponent: function () {
        var t = Nav.t,
            me = this;
        me.defaults = { anchor: '100%', hideLabel: true, allowBlank: false, blankText: t.requiredFields };
        me.items = [{
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
        }];
        me.buttons = [{
            text: t.loginButton,
            itemId: 'loginButton',
            scale: 'medium',
            handler: me.submit,
            scope: me
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

    focusEmail: function () {
        var me = this;
        Ext.defer(function () {
            var email = me.down('textfield[name=email]');
            if (email && !email.destroyed) {
                email.focus();
            }
        }, 10);
    },

    submit: function () {
        var me = this,
            form = me.getForm(),
            values = form.getValues();
        if (!form.isValid()) {
            me.setMessage(Nav.t.loginFailed);
            return;
        }
        me.setMessage('');
        Nav.Api.request({
            url: '/api/user/login',
            method: 'POST',
            jsonData: { email: values.email, password: values.password },
            mask: me,
            quiet: true,
            on401: function (body) {
                me.setMessage((body && body.message) || Nav.t.loginFailed);
            },
            success: function (data) {
                form.reset();
                Nav.auth.set(data);
                me.fireEvent('loggedin', me, data.user || null);
            },
            failure: function (body, status) {
                me.setMessage(status >= 500 || status === 0 || status === 429 ?
                    Nav.fmt(Nav.t.serverError, { status: status }) :
                    (body && body.message) || Nav.t.loginFailed);
            }
        });
    }
});

/** The login view: the form in the middle of the screen (at start and after logout). */
Ext.define('Nav.view.Login', {
    extend: 'Ext.container.Container',
    xtype: 'navlogin',
    cls: 'nav-login',
    layout: 'center',

    initComponent: function () {
        this.items = [{
            xtype: 'navloginform',
            title: Nav.t.appTitle,
            width: 380,
            listeners: {
                loggedin: function (form, user) { Nav.session.loggedIn(user); }
            }
        }];
        this.callParent();
    },

    setMessage: function (text) {
        this.down('navloginform').setMessage(text);
    }
});

/**
 * vendor-session: the login window shown over the open windows when the token expired. After a
 * new login it closes, the windows stay, and the reads refused meanwhile run again.
 */
Ext.define('Nav.view.LoginWindow', {
    extend: 'Ext.window.Window',
    xtype: 'navloginwindow',
    modal: true,
    closable: false,
    resizable: false,
    draggable: false,
    width: 400,
    layout: 'fit',
    closeAction: 'destroy',
    cls: 'nav-login-window',

    initComponent: function () {
        var me = this;
        me.title = Nav.t.appTitle;
        me.items = [{
            xtype: 'navloginform',
            listeners: {
                loggedin: function (form, user) { Nav.session.loggedInAgain(me, user); }
            }
        }];
        me.callParent();
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
        Nav.auth.clear();
        Nav.Api.forget();
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
        login.down('navloginform').focusEmail();
    },

    isLoginShown: function () {
        var vp = this.viewport();
        return !vp || vp.getLayout().getActiveItem() === vp.down('navlogin');
    },

    /** The login window of vendor-session, when it is open. */
    loginWindow: function () {
        return Ext.ComponentQuery.query('navloginwindow')[0] || null;
    },

    /**
     * A 401 from anywhere. Default stand: close everything and show the login view.
     * vendor-session: the token is dropped and the login window opens over what was open.
     */
    expired: function () {
        var win;
        if (this.user === null && this.isLoginShown()) {
            return;
        }
        if (!Nav.auth.tokenMode) {
            this.showLogin(Nav.t.sessionExpired);
            return;
        }
        Nav.auth.clear();
        win = this.loginWindow();
        if (!win) {
            win = Ext.create('Nav.view.LoginWindow');
            win.show();
            win.down('navloginform').setMessage(Nav.t.sessionExpired);
        }
        win.toFront();
        win.down('navloginform').focusEmail();
    },

    /** vendor-session: logged in again from the login window; the panel goes on where it was. */
    loggedInAgain: function (win, user) {
        if (user) {
            this.user = user;
        }
        if (win && !win.destroyed) {
            win.destroy();
        }
        Nav.Api.resume();
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
        if (me.loginWindow()) {
            me.loginWindow().destroy();
        }
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
