// One file of an <input type=file> posted with XMLHttpRequest, whose upload events give a real progress bar.
export function upload(input, index, fields, token, dotnet) {
  return new Promise(resolve => {
    const form = new FormData();
    form.append('file', input.files[index]);
    for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
    const request = new XMLHttpRequest();
    request.open('POST', 'api/v1/tracks');
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = e => { if (e.lengthComputable) dotnet.invokeMethodAsync('OnProgress', index, e.loaded / e.total); };
    request.onload = () => resolve({ status: request.status, body: request.responseText });
    request.onerror = () => resolve({ status: 0, body: '' });
    request.send(form);
  });
}

export function files(input) {
  return Array.from(input.files, f => ({ name: f.name, size: f.size }));
}
