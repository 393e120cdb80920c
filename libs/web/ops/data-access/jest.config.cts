module.exports = require('../../../../jest.angular.cjs')(__dirname, 'web-ops-data-access');
