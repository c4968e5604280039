console.log('demo: being built')
