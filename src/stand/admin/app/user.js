/*
 * The site user card «#<id> клиент»: tabs «Основные» (the form), «Активность», «Дети», «Заявки»;
 * and the «Новый ребенок» dialog opened by «Добавить ребенка». The form holds the user as a
 * Nav.model.SiteUser record (form.loadRecord), the «Дети» grid Nav.model.Kid records.
 */
/* global Ext, Nav */
Ext.define('Nav.view.UserWindow', {
    extend: 'Ext.window.Window',
    xtype: 'navuserwindow',
    modal: true,
    width: 820,
    height: 600,
    layout: 'fit',
    maximizable: true,
    closeAction: 'destroy',
    cls: 'nav-user-window',

    statics: {
        /** Opens the card of user `id` (null: a new user). */
        open: function (id) {
            var win = Ext.create('Nav.view.UserWindow', { userId: id });
            win.show();
            if (id) {
                win.load();
            }
            return win;
        }
    },

    initComponent: function () {
        var t = Nav.t,
            me = this,
            isNew = !me.userId;
        me.title = isNew ? t.newUserWindowTitle : Nav.fmt(t.userWindowTitle, { id: me.userId });
        // Fit small screens (laptops): the window never grows past the browser's height.
        me.height = Math.min(me.height, Ext.Element.getViewportHeight() - 20);
        me.kidStore = Nav.cfg.shownOnly ? me.shownKidStore() : Nav.remoteStore('/api/rest/kid', 'Nav.model.Kid', { remoteSort: false });
        me.kidStore.getProxy().setExtraParam('user_id', me.userId);
        me.activityStore = Nav.remoteStore('/api/rest/siteuser/' + me.userId + '/activity', ['id', 'date', 'event'], { remoteSort: false });

        me.items = [{
            xtype: 'tabpanel',
            itemId: 'tabs',
            items: [me.mainTab(), {
                xtype: 'grid',
                title: t.tabActivity,
                itemId: 'activityTab',
                disabled: isNew,
                store: me.activityStore,
                viewConfig: { loadingText: t.loading, emptyText: t.emptyGrid, deferEmptyText: true },
                columns: [
                    { text: t.columnDate, dataIndex: 'date', width: 160, renderer: function (v) { return Nav.dateText(v, true); } },
                    { text: t.columnEvent, dataIndex: 'event', flex: 1 }
                ],
                listeners: { activate: function () { me.activityStore.load(); } }
            }, {
                xtype: 'grid',
                title: t.tabChildren,
                itemId: 'kidsTab',
                disabled: isNew,
                store: me.kidStore,
                viewConfig: { loadingText: t.loading, emptyText: t.emptyGrid, deferEmptyText: true },
                tbar: [{ text: t.addChild, itemId: 'addChildButton', iconCls: 'x-fa fa-plus', handler: me.onAddChild, scope: me }],
                columns: me.kidColumns(),
                bbar: Nav.pagingBar(me.kidStore),
                buttons: [{ text: t.close, itemId: 'closeButton', handler: me.close, scope: me }],
                listeners: {
                    activate: function () { me.kidStore.loadPage(1); },
                    itemdblclick: function (view, record) { Nav.view.KidWindow.open(record.get('id'), me); }
                }
            }, {
                xtype: 'grid',
                title: t.tabOrders,
                itemId: 'ordersTab',
                disabled: isNew,
                store: Ext.create('Ext.data.Store', { fields: ['id', 'program', 'status', 'date'], data: [] }),
                viewConfig: { emptyText: t.noOrders, deferEmptyText: false },
                columns: [
                    { text: t.columnId, dataIndex: 'id', width: 90 },
                    { text: t.columnProgram, dataIndex: 'program', flex: 1 },
                    { text: t.columnStatus, dataIndex: 'status', width: 140 },
                    { text: t.columnDate, dataIndex: 'date', width: 140 }
                ],
                buttons: [{ text: t.close, handler: me.close, scope: me }]
            }]
        }];
        me.callParent();
    },

    /**
     * `no-record`: the «Дети» grid's records hold only what its columns show, and the record's
     * id (an Ext record always has one: the grid opens a child by it). No sex, no «approved».
     */
    shownKidStore: function () {
        var keep = ['id'].concat(Ext.Array.map(this.kidColumns(), function (c) { return c.dataIndex; })),
            store = Nav.remoteStore('/api/rest/kid', keep, { remoteSort: false });
        store.getProxy().getReader().setTransform(function (body) {
            if (body && Ext.isArray(body.data)) {
                body.data = Ext.Array.map(body.data, function (kid) {
                    var shown = {};
                    Ext.Array.each(keep, function (k) { shown[k] = kid[k]; });
                    return shown;
                });
            }
            return body;
        });
        return store;
    },

    /** The «Дети» grid's columns: the memo shows only «ФИО ребенка» and «Удален?». */
    kidColumns: function () {
        var t = Nav.t,
            name = { text: t.childName, dataIndex: 'full_name', flex: 1 },
            deleted = { text: t.childDeleted, dataIndex: 'is_deleted', width: 110, renderer: Nav.yesNo };
        if (Nav.cfg.memoOnly) {
            return [name, deleted];
        }
        return [
            { text: t.columnId, dataIndex: 'id', width: 90 },
            name,
            { text: t.childBirthDateColumn, dataIndex: 'birthday', width: 140, renderer: function (v) { return Nav.dateText(v); } },
            deleted
        ];
    },

    mainTab: function () {
        var t = Nav.t,
            me = this;
        return {
            xtype: 'form',
            title: t.tabMain,
            itemId: 'mainTab',
            bodyPadding: 15,
            scrollable: true,
            trackResetOnLoad: true,
            defaults: { anchor: '100%', labelWidth: 170 },
            items: [
                { xtype: 'textfield', name: 'last_name', fieldLabel: t.lastName },
                { xtype: 'textfield', name: 'first_name', fieldLabel: t.firstName, allowBlank: false },
                { xtype: 'textfield', name: 'patro_name', fieldLabel: t.patronymic },
                { xtype: 'textfield', name: 'email', fieldLabel: t.email, allowBlank: false, vtype: 'email' },
                { xtype: 'checkbox', name: 'is_verified', fieldLabel: t.verified, inputValue: true, uncheckedValue: false },
                { xtype: 'textfield', name: 'phone', fieldLabel: t.phone },
                { xtype: 'checkbox', name: 'is_resident', fieldLabel: t.resident, inputValue: true, uncheckedValue: false, checked: true },
                {
                    xtype: 'combobox',
                    name: 'municipality_id',
                    fieldLabel: t.municipality,
                    store: Ext.create('Ext.data.Store', { fields: ['id', 'name'], data: Nav.cfg.municipalities }),
                    queryMode: 'local',
                    valueField: 'id',
                    displayField: 'name',
                    forceSelection: true,
                    editable: false
                }
            ],
            buttons: [{
                text: t.sendConfirmation, itemId: 'sendConfirmationButton', disabled: !me.userId, handler: me.onSendConfirmation, scope: me
            }, '->', {
                text: t.save, itemId: 'saveButton', handler: me.onSave, scope: me
            }, {
                text: t.close, itemId: 'closeButton', handler: me.close, scope: me
            }]
        };
    },

    form: function () {
        return this.down('#mainTab').getForm();
    },

    load: function () {
        var me = this;
        Nav.Api.request({
            url: '/api/rest/siteuser/' + me.userId,
            mask: me,
            success: function (data) { me.showUser(data); }
        });
    },

    /** Puts the server's user on the form: as its record (created once, then updated). */
    showUser: function (data) {
        var me = this,
            form = me.form(),
            record = form.getRecord();
        if (me.destroyed) {
            return;
        }
        me.user = data;
        if (record) {
            record.set(data);
            record.commit();
        } else {
            record = Ext.create('Nav.model.SiteUser', data);
        }
        form.loadRecord(record);
    },

    onSave: function () {
        var me = this,
            t = Nav.t,
            form = me.form(),
            isNew = !me.userId;
        if (!form.isValid()) {
            Nav.dialog.alert(t.errorTitle, t.requiredFields);
            return;
        }
        Nav.Api.request({
            url: '/api/rest/siteuser' + (isNew ? '' : '/' + me.userId),
            method: isNew ? 'POST' : 'PUT',
            jsonData: form.getFieldValues(),
            mask: me,
            maskText: t.saving,
            success: function (data) {
                me.showUser(data);
                Ext.toast({ html: Ext.String.htmlEncode(t.saved), align: 't', autoCloseDelay: 2500 });
                var store = Ext.StoreManager.lookup('siteUserStore');
                if (store) {
                    store.reload();
                }
                if (isNew) {
                    me.close();
                    Nav.view.UserWindow.open(data.id);
                }
            }
        });
    },

    onSendConfirmation: function () {
        Nav.Api.request({
            url: '/api/rest/siteuser/' + this.userId + '/send-confirmation',
            method: 'POST',
            jsonData: {},
            mask: this,
            success: function (data, body) {
                Ext.toast({ html: Ext.String.htmlEncode(body.message || ''), align: 't', autoCloseDelay: 3000 });
            }
        });
    },

    onAddChild: function () {
        Ext.create('Nav.view.NewKidWindow', { userId: this.userId, ownerCard: this }).show();
    },

    /** Called by the child windows after a change. */
    refreshKids: function () {
        if (!this.destroyed && this.kidStore) {
            this.kidStore.reload();
        }
    }
});

Ext.define('Nav.view.NewKidWindow', {
    extend: 'Ext.window.Window',
    modal: true,
    width: 480,
    layout: 'fit',
    closeAction: 'destroy',

    initComponent: function () {
        var t = Nav.t,
            me = this;
        me.title = t.newChildWindowTitle;
        me.items = [{
            xtype: 'form',
            bodyPadding: 15,
            defaults: { anchor: '100%', labelWidth: 140 },
            items: [
                { xtype: 'textfield', name: 'last_name', fieldLabel: t.lastName },
                { xtype: 'textfield', name: 'first_name', fieldLabel: t.childFirstName, allowBlank: false },
                { xtype: 'textfield', name: 'patro_name', fieldLabel: t.patronymic },
                { xtype: 'datefield', name: 'birthday', fieldLabel: t.childBirthDate, format: 'd.m.Y', submitFormat: 'Y-m-d', allowBlank: false },
                {
                    xtype: 'combobox', name: 'sex', fieldLabel: t.childSex, allowBlank: false, queryMode: 'local', editable: false,
                    forceSelection: true, valueField: 'id', displayField: 'name',
                    store: Ext.create('Ext.data.Store', { fields: ['id', 'name'], data: [{ id: 'male', name: t.male }, { id: 'female', name: t.female }] })
                }
            ]
        }];
        me.buttons = [
            { text: t.save, itemId: 'saveButton', handler: me.onSave, scope: me },
            { text: t.cancel, itemId: 'cancelButton', handler: me.close, scope: me }
        ];
        me.callParent();
    },

    onSave: function () {
        var me = this,
            form = me.down('form').getForm(),
            values;
        if (!form.isValid()) {
            Nav.dialog.alert(Nav.t.errorTitle, Nav.t.requiredFields);
            return;
        }
        values = form.getValues();
        values.user_id = me.userId;
        Nav.Api.request({
            url: '/api/rest/kid',
            method: 'POST',
            jsonData: values,
            mask: me,
            maskText: Nav.t.saving,
            success: function () {
                Ext.toast({ html: Ext.String.htmlEncode(Nav.t.saved), align: 't', autoCloseDelay: 2500 });
                if (me.ownerCard) {
                    me.ownerCard.refreshKids();
                }
                me.close();
            }
        });
    }
});
