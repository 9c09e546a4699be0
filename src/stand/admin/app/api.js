/*
 * Training stand admin panel («Система управления Навигатором»), Ext JS 6.2 classic.
 * Shared helpers: texts from the server's config blob, formatting, and Nav.Api — the one way
 * the panel talks to the server (masks, error messages, session expiry).
 */
/* global Ext */
Ext.ns('Nav', 'Nav.view');

Nav.cfg = window.NAV_CONFIG || { texts: {}, municipalities: [], pageSize: 25 };
Nav.t = Nav.cfg.texts;

/** Replaces {name} placeholders: Nav.fmt('#{id} клиент', { id: 5 }). */
Nav.fmt = function (tpl, values) {
    return String(tpl).replace(/\{(\w+)\}/g, function (m, key) {
        return values && values[key] !== undefined && values[key] !== null ? values[key] : m;
    });
};

Nav.yesNo = function (value) {
    return value ? Nav.t.yes : Nav.t.no;
};

/** 'YYYY-MM-DD' or an ISO timestamp → 'dd.mm.yyyy' (with time when asked). */
Nav.dateText = function (value, withTime) {
    if (!value) {
        return '';
    }
    var d = Ext.isDate(value) ? value : (String(value).length === 10 ? Ext.Date.parse(value, 'Y-m-d') : new Date(value));
    return d ? Ext.Date.format(d, withTime ? 'd.m.Y H:i' : 'd.m.Y') : String(value);
};

/** A JSON reader for the vendor's envelope. */
Nav.reader = function () {
    return {
        type: 'json',
        rootProperty: 'data',
        totalProperty: 'total',
        successProperty: 'success',
        messageProperty: 'message'
    };
};

/**
 * A remote store over one of the REST lists; `fields` is a list of fields or a model's name.
 * A load refused with 401 is retried once the person has logged in again (Nav.session.resume).
 */
Nav.remoteStore = function (url, fields, cfg) {
    var store = Ext.create('Ext.data.Store', Ext.apply(Ext.isString(fields) ? { model: fields } : { fields: fields }, {
        pageSize: Nav.cfg.pageSize || 25,
        remoteSort: true,
        proxy: {
            type: 'ajax',
            url: url,
            navProxy: true,
            reader: Nav.reader()
        }
    }, cfg || {}));
    store.on('load', function (s, records, successful, operation) {
        var error = !successful && operation && operation.getError ? operation.getError() : null;
        if (error && error.status === 401) {
            Nav.Api.retryAfterLogin(function () {
                if (!s.destroyed) {
                    s.reload();
                }
            });
        }
    });
    return store;
};

/**
 * The admin session's token where the panel keeps it (`vendor-session` variant): localStorage
 * `access_token`, `refresh_token`, `expired_at`, and an `Authorization: Bearer` header on every
 * Ext.Ajax request (store loads included). The default stand uses a cookie instead.
 */
Nav.auth = {
    tokenMode: Nav.cfg.adminAuth === 'token',
    keys: ['access_token', 'refresh_token', 'expired_at'],

    token: function () {
        try {
            return window.localStorage.getItem('access_token');
        } catch (e) {
            return null;
        }
    },

    apply: function () {
        var token = this.tokenMode ? this.token() : null;
        Ext.Ajax.setDefaultHeaders(token ? { Authorization: 'Bearer ' + token } : {});
    },

    /** Keeps the login answer's tokens (access_token, refresh_token, expired_at). */
    set: function (data) {
        if (!this.tokenMode || !data) {
            return;
        }
        Ext.Array.each(this.keys, function (key) {
            try {
                if (data[key] === null || data[key] === undefined) {
                    window.localStorage.removeItem(key);
                } else {
                    window.localStorage.setItem(key, String(data[key]));
                }
            } catch (e) { /* private mode: the header below still carries the token */ }
        });
        Ext.Ajax.setDefaultHeaders(data.access_token ? { Authorization: 'Bearer ' + data.access_token } : {});
    },

    clear: function () {
        if (!this.tokenMode) {
            return;
        }
        Ext.Array.each(this.keys, function (key) {
            try {
                window.localStorage.removeItem(key);
            } catch (e) { /* nothing kept */ }
        });
        Ext.Ajax.setDefaultHeaders({});
    }
};

/**
 * Questions and refusals: Ext.Msg boxes (the default stand), or (`window-confirm`, Nav.cfg.dialogs
 * === 'window') windows of the panel's own — «Подтверждение» with «Да»/«Нет», an error window
 * «Ошибка» with the text and «OK» — as a public client of the real panel shows them.
 */
Nav.dialog = {
    windowed: function () {
        return Nav.cfg.dialogs === 'window';
    },

    /** A window with a text and buttons [{ text, id }]; fn(id) after a button closed it. */
    open: function (title, text, buttons, fn) {
        var win = Ext.create('Ext.window.Window', {
            title: title,
            modal: true,
            width: 460,
            closable: true,
            resizable: false,
            closeAction: 'destroy',
            layout: 'anchor',
            bodyPadding: 15,
            items: [{ xtype: 'component', html: Ext.String.htmlEncode(text) }],
            buttons: Ext.Array.map(buttons, function (b) {
                return { text: b.text, handler: function () { win.close(); if (fn) { fn(b.id); } } };
            })
        });
        win.show();
        return win;
    },

    alert: function (title, text) {
        if (!this.windowed()) {
            Ext.Msg.alert(title, text);
            return;
        }
        this.open(Nav.cfg.dialogTitles.error, text, [{ text: 'OK', id: 'ok' }]);
    },

    /** fn('yes' | 'no'). */
    confirm: function (title, text, fn) {
        if (!this.windowed()) {
            Ext.Msg.confirm(title, text, fn);
            return;
        }
        this.open(Nav.cfg.dialogTitles.question, text, [{ text: Nav.t.yes, id: 'yes' }, { text: Nav.t.no, id: 'no' }], fn);
    }
};

Nav.pagingBar = function (store) {
    return {
        xtype: 'pagingtoolbar',
        store: store,
        displayInfo: true,
        displayMsg: Nav.t.pagingText,
        emptyMsg: Nav.t.emptyGrid
    };
};

Ext.define('Nav.Api', {
    singleton: true,

    /** Reads to repeat once the person has logged in again (vendor-session's login window). */
    pending: [],

    retryAfterLogin: function (fn) {
        if (Nav.auth.tokenMode) {
            this.pending.push(fn);
        }
    },

    /** After a new login: the reads that were refused with 401 run again (writes are not repeated). */
    resume: function () {
        var todo = this.pending;
        this.pending = [];
        Ext.Array.each(todo, function (fn) { fn(); });
    },

    forget: function () {
        this.pending = [];
    },

    /** Shows why a request failed; a 401 leads back to the login view instead. */
    explain: function (status, body) {
        var t = Nav.t;
        if (status === 401 || (body && body.err_code === 401)) {
            Nav.session.expired();
            return;
        }
        if (status === 0) {
            Nav.dialog.alert(t.errorTitle, t.networkError);
        } else if (status >= 500 || status === 429) {
            Nav.dialog.alert(t.serverErrorTitle, Nav.fmt(t.serverError, { status: status }));
        } else {
            Nav.dialog.alert(t.errorTitle, (body && body.message) || Nav.fmt(t.serverError, { status: status }));
        }
    },

    decode: function (response) {
        return response && response.responseText ? Ext.decode(response.responseText, true) : null;
    },

    /**
     * opts: url, method, params, jsonData, mask (a component), maskText, quiet (no message box),
     * success(data, body), failure(body, status), on401 (instead of the login view).
     */
    request: function (opts) {
        var me = this,
            mask = opts.mask && !opts.mask.destroyed ? opts.mask : null;
        if (mask) {
            mask.mask(opts.maskText || Nav.t.loading);
        }
        return Ext.Ajax.request({
            url: opts.url,
            method: opts.method || 'GET',
            params: opts.params,
            jsonData: opts.jsonData,
            navHandled: true,
            callback: function (options, ok, response) {
                // A slow panel (stand setting slowMaskMs): the mask stays up after the answer.
                if (mask && Nav.cfg.slowMaskMs > 0) {
                    Ext.defer(me.handle, Nav.cfg.slowMaskMs, me, [opts, mask, ok, response]);
                } else {
                    me.handle(opts, mask, ok, response);
                }
            }
        });
    },

    handle: function (opts, mask, ok, response) {
        var me = this,
            body = me.decode(response),
            status = response ? response.status : 0;
        if (mask && !mask.destroyed) {
            mask.unmask();
        }
        if (ok && body && body.success) {
            if (opts.success) {
                opts.success(body.data, body);
            }
            return;
        }
        if ((status === 401 || (body && body.err_code === 401)) && opts.on401) {
            opts.on401(body);
            return;
        }
        if (status === 401 && (opts.method || 'GET') === 'GET') {
            // vendor-session: a refused read runs again after the login window (the window stays).
            me.retryAfterLogin(function () { me.request(opts); });
        }
        if (!opts.quiet || status === 401) {
            me.explain(status, body);
        }
        if (opts.failure) {
            opts.failure(body, status);
        }
    }
}, function () {
    // Store loads go through Ext.Ajax too: explain their failures the same way.
    Ext.Ajax.on('requestexception', function (conn, response, options) {
        if (options && options.navHandled) {
            return;
        }
        Nav.Api.explain(response ? response.status : 0, Nav.Api.decode(response));
    });
});
