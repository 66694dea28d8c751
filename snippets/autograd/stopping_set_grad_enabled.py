import threading

import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)

with torch.set_grad_enabled(False):  # (1)!
    print("inside with:      grad mode", torch.is_grad_enabled(), " (x * 3).requires_grad", (x * 3).requires_grad)

torch.set_grad_enabled(False)  # (2)!
y = x * 3
other = []
worker = threading.Thread(target=lambda: other.append(torch.is_grad_enabled()))
worker.start()
worker.join()
torch.set_grad_enabled(True)
print("after the call:   y.requires_grad", y.requires_grad, " grad mode in another thread meanwhile", other[0])

training = True
with torch.set_grad_enabled(training):  # (3)!
    z = x * 3
print("training=True:    z.requires_grad", z.requires_grad)
